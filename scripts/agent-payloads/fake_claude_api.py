"""A stand-in for the Anthropic Messages API, used to record the hook payloads Claude Code sends (docs/agents.md).

The first request that offers the Bash tool is answered with one Bash tool call running the command in
$FAKE_DIR/claude-cmd; every other request with the text "done" (streamed as server-sent events when asked). Delete
$FAKE_DIR/claude-used before each recording. Run: python3 fake_claude_api.py PORT, then in a project set up with
`aw init` plus hooks that copy their stdin to files:
ANTHROPIC_API_KEY=x ANTHROPIC_BASE_URL=http://127.0.0.1:PORT claude -p "go" --allowedTools Bash
"""
import json, sys, os
from http.server import BaseHTTPRequestHandler, HTTPServer
DIR = os.environ.get("FAKE_DIR", "/var/tmp/fake")
LOG = os.path.join(DIR, "claude-requests.log")
def cmd():
    return open(os.path.join(DIR, "claude-cmd")).read().strip()
def sse(events):
    return "".join("event: %s\ndata: %s\n\n" % (e["type"], json.dumps(e)) for e in events).encode()
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('content-length', 0)))
        req = json.loads(body or b"{}")
        with open(LOG, "a") as f: f.write(self.path + " stream=%s tools=%s\n" % (req.get("stream"), [t.get("name") for t in req.get("tools", [])][:5]))
        if "count_tokens" in self.path:
            data = json.dumps({"input_tokens": 10}).encode()
            self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data); return
        msgs = req.get("messages", [])
        last = msgs[-1] if msgs else {}
        has_result = isinstance(last.get("content"), list) and any(isinstance(b, dict) and b.get("type") == "tool_result" for b in last["content"])
        tools = [t.get("name") for t in req.get("tools", [])]
        use_tool = "Bash" in tools and not has_result and not os.path.exists(os.path.join(DIR, "claude-used"))
        if use_tool:
            open(os.path.join(DIR, "claude-used"), "w").close()
        model = req.get("model", "claude")
        usage = {"input_tokens": 10, "output_tokens": 5, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
        if use_tool:
            block = {"type": "tool_use", "id": "toolu_01FakeRecorded%04d" % (os.getpid() % 10000), "name": "Bash", "input": {}}
            full = dict(block, input={"command": cmd(), "description": "Write the data"})
            deltas = [{"type": "input_json_delta", "partial_json": json.dumps(full["input"])}]
            stop = "tool_use"
        else:
            block = {"type": "text", "text": ""}
            full = {"type": "text", "text": "done"}
            deltas = [{"type": "text_delta", "text": "done"}]
            stop = "end_turn"
        if req.get("stream"):
            events = [{"type": "message_start", "message": {"id": "msg_fake", "type": "message", "role": "assistant", "model": model, "content": [], "stop_reason": None, "stop_sequence": None, "usage": usage}},
                      {"type": "content_block_start", "index": 0, "content_block": block}]
            events += [{"type": "content_block_delta", "index": 0, "delta": d} for d in deltas]
            events += [{"type": "content_block_stop", "index": 0},
                       {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None}, "usage": {"output_tokens": 5}},
                       {"type": "message_stop"}]
            data = sse(events)
            self.send_response(200); self.send_header("Content-Type", "text/event-stream"); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
        else:
            data = json.dumps({"id": "msg_fake", "type": "message", "role": "assistant", "model": model, "content": [full], "stop_reason": stop, "stop_sequence": None, "usage": usage}).encode()
            self.send_response(200); self.send_header("Content-Type", "application/json"); self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
