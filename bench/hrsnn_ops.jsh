// Synaptic operations of an HRSNN design per test sample, to set beside `hrsnn baseline srnn` (docs/baseline.md).
// Run by hand:  DESIGN=F TASK=japanese-vowels|BasicMotions|fsdd [FSDD=archive] jshell --class-path target/hrsnn.jar bench/hrsnn_ops.jsh
// The network is the one `hrsnn evaluate` reads out: the design's seed, the task's STDP pass over the training
// split, frozen; then each test sample runs from rest, each value held 5 ms, and the recurrent spike deliveries
// (spikes times fan-out, Network.synapticEvents) are counted. Analog input is injected densely every simulation
// step: input synapses x steps multiply-accumulates, printed apart.
import org.hrsnn.score.*;
import org.hrsnn.sim.*;
import org.hrsnn.export.DesignFiles;

var d = DesignFiles.read(java.nio.file.Path.of(System.getenv("DESIGN")));
long seed = d.seed() != null ? d.seed() : 1;
String t = System.getenv("TASK");
Tasks.Data data = t.equals("japanese-vowels") ? Tasks.load(Tasks.get(t), Tasks.Source.NONE, null)
        : t.equals("fsdd") ? Tasks.load(Tasks.get("fsdd"), Tasks.Source.archive(java.nio.file.Path.of(System.getenv("FSDD"))), null)
        : Tasks.load(Tasks.get("uea"), Tasks.Source.dataset(t), null);
var settings = ClassificationEvaluation.Settings.DEFAULT;
Network net = ClassificationEvaluation.trained(d.network(), seed, data.train(), settings);
var scaling = InputScaling.of(data.train().series(), data.train().channels(), false);
int perValue = Math.max(1, (int) Math.round(settings.stepMs() / net.spec().dt()));
long before = net.synapticEvents(), simSteps = 0;
for (double[][] x : data.test().series()) {
    net.reset();
    net.run(new Stimulus(scaling.apply(x), perValue));
    simSteps += (long) x.length * perValue;
}
int n = data.test().size();
System.out.printf("%s on %s: %d neurons, %d recurrent synapses, %d input synapses; per test sample: %.0f spike-driven synaptic events, %.0f input multiply-accumulates (%d test samples)%n",
        System.getenv("DESIGN"), t, net.size(), net.synapseCount(), net.inputWeights().length, (double) (net.synapticEvents() - before) / n,
        (double) net.inputWeights().length * simSteps / n, n);
/exit
