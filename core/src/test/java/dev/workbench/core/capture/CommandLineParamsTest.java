package dev.workbench.core.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.core.Json;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real command lines, as agents and people type them, and the params each gives (in order, with JSON types). */
class CommandLineParamsTest {

    static Stream<Arguments> commandLines() {
        return Stream.of(
                // the sweep and the common argparse forms
                Arguments.of("python3 scripts/model.py --window 7", "{\"window\":7}"),
                Arguments.of(
                        "python -m pkg.train --lr=3e-4 --epochs 10 --no-cuda",
                        "{\"lr\":3e-4,\"epochs\":10,\"no-cuda\":true}"),
                Arguments.of("python3 -u -W ignore -m pkg.train --lr 0.1", "{\"lr\":0.1}"),
                Arguments.of("python3 -um pkg.train --lr 0.1", "{\"lr\":0.1}"),
                Arguments.of("python -c 'import x; x.run()' --n 3", "{\"n\":3}"),
                Arguments.of(
                        "python3 fit.py --model gbm --alpha .5 --beta -1 --gamma -0.25 --tag run_007 --seed 007",
                        "{\"model\":\"gbm\",\"alpha\":0.5,\"beta\":-1,\"gamma\":-0.25,\"tag\":\"run_007\",\"seed\":\"007\"}"),
                Arguments.of(
                        "python fit.py --shuffle True --resume false --flag FALSE",
                        "{\"shuffle\":true,\"resume\":false,\"flag\":false}"),
                Arguments.of(
                        "python fit.py --large 12345678901 --huge 123456789012345678901234567890",
                        "{\"large\":12345678901,\"huge\":\"123456789012345678901234567890\"}"),
                // quoting and escapes
                Arguments.of(
                        "python fit.py --name \"my model\" --note 'it''s' --path a\\ b.csv",
                        "{\"name\":\"my model\",\"note\":\"its\",\"path\":\"a b.csv\"}"),
                Arguments.of("python fit.py --sep $'\\t' --msg \"say \\\"hi\\\"\"", "{\"msg\":\"say \\\"hi\\\"\"}"),
                Arguments.of(
                        "python fit.py --layers '[64,128]' --lr \"0.01\"", "{\"layers\":\"[64,128]\",\"lr\":0.01}"),
                // lists, redirections, pipes
                Arguments.of("cd x && python y.py --a 1 > out.txt", "{\"a\":1}"),
                Arguments.of("cd src; source .venv/bin/activate && python3 y.py --a 1 2>&1 | tee log.txt", "{\"a\":1}"),
                Arguments.of("python train.py --epochs 3 >> log.txt 2> err.txt < in.txt &> all.txt", "{\"epochs\":3}"),
                Arguments.of("python prep.py --n 5 && python train.py --lr 0.1 | head -n 20", "{\"n\":5,\"lr\":0.1}"),
                Arguments.of("(cd src && python fit.py --k 3) || echo failed --k 4", "{\"k\":3}"),
                Arguments.of("python a.py --seed 1 && python b.py --seed 2", "{\"seed\":2}"),
                Arguments.of("python fit.py --k 3 # --k 4 is worse", "{\"k\":3}"),
                Arguments.of("python fit.py --k 3 <<EOF\n--k 9 lr=1\nEOF\npython g.py --m 2", "{\"k\":3,\"m\":2}"),
                // a loop: the value is only known when the shell runs it
                Arguments.of("for w in 3 7 14; do python3 m.py --window $w; done", "{}"),
                Arguments.of("for w in 3 7 14; do python3 m.py --window \"$w\" --horizon 2; done", "{\"horizon\":2}"),
                Arguments.of("python3 m.py --window {3,7,14} --out $(date +%s) --tag `whoami` --seed ${SEED:-1}", "{}"),
                Arguments.of("python3 m.py --out \"results/${NAME}.csv\" --k 2", "{\"k\":2}"),
                // R, Julia, node, make, dvc
                Arguments.of("Rscript fit.R --alpha 0.05", "{\"alpha\":0.05}"),
                Arguments.of("Rscript -e 'source(\"fit.R\")' --alpha 0.05", "{\"alpha\":0.05}"),
                Arguments.of("julia -t 4 --project=. sim.jl --n 1000", "{\"n\":1000}"),
                Arguments.of("node --require ts-node/register train.js --lr 0.2", "{\"lr\":0.2}"),
                Arguments.of("java -cp lib/x.jar -Xmx2g org.x.Main --iterations 5", "{\"iterations\":5}"),
                Arguments.of(
                        "dvc exp run -S train.lr=0.1 --set-param train.epochs=5",
                        "{\"train.lr\":0.1,\"train.epochs\":5}"),
                Arguments.of("make train LR=0.1 EPOCHS=3", "{\"LR\":0.1,\"EPOCHS\":3}"),
                Arguments.of("snakemake --cores 4 --config lr=0.1", "{\"cores\":4,\"lr\":0.1}"),
                // Hydra
                Arguments.of(
                        "python train.py lr=0.01 +model.depth=3 ~trainer.logger", "{\"lr\":0.01,\"model.depth\":3}"),
                Arguments.of(
                        "python train.py ++trainer.max_epochs=20 model/encoder=resnet db=mysql 'name=\"0.5\"'",
                        "{\"trainer.max_epochs\":20,\"model.encoder\":\"resnet\",\"db\":\"mysql\",\"name\":\"0.5\"}"),
                Arguments.of("python train.py -m lr=0.1,0.01 seed=1", "{\"lr\":\"0.1,0.01\",\"seed\":1}"),
                Arguments.of(
                        "python train.py --multirun 'model.layers=[64,128]' db@backup=mysql",
                        "{\"model.layers\":\"[64,128]\"}"),
                // environment: assignments a program sees are params, unless they say where things are
                Arguments.of(
                        "PYTHONHASHSEED=0 CUDA_VISIBLE_DEVICES=1 PYTHONPATH=src python x.py --k 1",
                        "{\"PYTHONHASHSEED\":0,\"CUDA_VISIBLE_DEVICES\":1,\"k\":1}"),
                Arguments.of("export SEED=3 LANG=C && python x.py", "{\"SEED\":3}"),
                Arguments.of("SEED=3; python x.py", "{}"),
                Arguments.of("SEED=$RANDOM OUT=\"$HOME/o\" python -m pkg.fit --k 1", "{\"k\":1}"),
                Arguments.of("env -u HOME OMP_NUM_THREADS=4 python x.py --k 2", "{\"OMP_NUM_THREADS\":4,\"k\":2}"),
                // wrappers and launchers
                Arguments.of("timeout 600 nice -n 10 python x.py --k 2", "{\"k\":2}"),
                Arguments.of("nohup python x.py --k 2 &", "{\"k\":2}"),
                Arguments.of("time python x.py --k 2", "{\"k\":2}"),
                Arguments.of("uv run --with pandas python x.py --k 2", "{\"k\":2}"),
                Arguments.of("conda run -n ml python -m train --k 2", "{\"k\":2}"),
                Arguments.of("poetry run python x.py --k 2", "{\"k\":2}"),
                Arguments.of("torchrun --nproc_per_node 4 train.py --lr 0.1", "{\"nproc_per_node\":4,\"lr\":0.1}"),
                Arguments.of("bash -c 'cd src && python fit.py --k 5'", "{\"k\":5}"),
                Arguments.of("bash scripts/run.sh --k 5 -c 3", "{\"k\":5,\"c\":3}"),
                Arguments.of("bash -lc 'python fit.py --k 6'", "{\"k\":6}"),
                Arguments.of("/bin/sh -e -o pipefail -c \"python fit.py --k 7 | tee log\"", "{\"k\":7}"),
                Arguments.of("bash -lc \"$CMD\"", "{}"),
                Arguments.of(
                        "papermill nb.ipynb out/nb.ipynb -p alpha 0.1 -p l1_ratio 0.5 -r tag 007 -k python3",
                        "{\"alpha\":0.1,\"l1_ratio\":0.5,\"tag\":\"007\"}"),
                Arguments.of(
                        "jupyter nbconvert --to notebook --execute nb.ipynb --output out.ipynb",
                        "{\"to\":\"notebook\",\"execute\":true,\"output\":\"out.ipynb\"}"),
                Arguments.of(
                        "mlflow run . -P alpha=0.5 --experiment-name sweep",
                        "{\"alpha\":0.5,\"experiment-name\":\"sweep\"}"),
                Arguments.of("./scripts/fit.sh --alpha 1", "{\"alpha\":1}"),
                // flags: switches, short options, values that are paths
                Arguments.of(
                        "python x.py --verbose data/x.csv --debug --input data/y.csv",
                        "{\"verbose\":true,\"debug\":true,\"input\":\"data/y.csv\"}"),
                Arguments.of(
                        "python x.py --verbose 2 -n 5 -k 3 -v data.csv -o out.csv -x",
                        "{\"verbose\":2,\"n\":5,\"k\":3}"),
                Arguments.of(
                        "python x.py -lr 0.1 -epochs=3 --über 1 --a b/c 2 --=x --",
                        "{\"lr\":0.1,\"epochs\":3,\"a\":\"b/c\"}"),
                Arguments.of("python x.py --input - --dry-run", "{\"input\":true,\"dry-run\":true}"),
                // not programs with params
                Arguments.of("ls -la data && cat metrics.json | jq .loss", "{}"),
                Arguments.of("pip install pandas==2.2 numpy>=1 && git commit -m 'k=3'", "{}"),
                Arguments.of("sed -i 's/a=1/a=2/' x.cfg && echo lr=0.1 > x.txt", "{}"),
                Arguments.of("", "{}"),
                Arguments.of("python fit.py --name 'unterminated", "{\"name\":\"unterminated\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void parse_givesTheParamsTyped(String command, String expected) throws Exception {
        JsonNode got = Json.mapper().valueToTree(CommandLineParams.parse(command));
        JsonNode want = Json.mapper().readTree(expected);
        assertThat(got.toString()).isEqualTo(want.toString());
    }
}
