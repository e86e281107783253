"""A stand-in for the Gemini API, used to record the hook payloads Gemini CLI sends (docs/agents.md).

A streamed request that offers run_shell_command and carries no function response yet is answered with one
run_shell_command call running $FAKE_CMD; other requests with the text "done" (the model router's JSON request gets a
JSON choice). Run: python3 fake_gemini_api.py PORT, then in a trusted project set up with `aw init --agent gemini`
plus hooks that copy their stdin to files, with {"security":{"auth":{"selectedType":"gemini-api-key"}}} in the
user settings: GEMINI_API_KEY=x GOOGLE_GEMINI_BASE_URL=http://127.0.0.1:PORT gemini -p "go" --yolo
(it may loop on the router's requests after the hooks ran; stop it with a timeout).
"""
import json, sys, os
from http.server import BaseHTTPRequestHandler, HTTPServer
CMD = os.environ.get("FAKE_CMD", "echo 1,2 > data.csv")
DIR = os.environ.get("FAKE_DIR", "/var/tmp/fake")
LOG = os.path.join(DIR, "gemini-requests.log")
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('content-length', 0)))
        with open(LOG, "a") as f: f.write(self.path + " " + json.dumps(json.loads(body or b"{}").get("generationConfig", {}))[:1500] + "\n")
        req = json.loads(body or b"{}")
        contents = req.get("contents", [])
        has_resp = any("functionResponse" in p for c in contents for p in c.get("parts", []))
        tools = json.dumps(req.get("tools", []))
        if "streamGenerateContent" in self.path and not has_resp and "run_shell_command" in tools:
            part = {"functionCall": {"name": "run_shell_command", "args": {"command": CMD, "description": "write data"}}}
        else:
            part = {"text": "done"}
        cand = {"candidates": [{"content": {"role": "model", "parts": [part]}, "finishReason": "STOP", "index": 0}],
                "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 5, "totalTokenCount": 15}}
        if "streamGenerateContent" in self.path:
            data = ("data: " + json.dumps(cand) + "\r\n\r\n").encode()
            self.send_response(200); self.send_header("Content-Type", "text/event-stream"); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
        else:
            schema = json.dumps(req.get("generationConfig", {}))
            if "model_choice" in schema:
                cand["candidates"][0]["content"]["parts"] = [{"text": json.dumps({"reasoning": "simple", "model_choice": "flash"})}]
            if "countTokens" in self.path:
                cand = {"totalTokens": 10}
            data = json.dumps(cand).encode()
            self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
    do_GET = do_POST
HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
