package org.hrsnn.study;

import java.util.Map;

/** Claims and completes trials of a study (args: storage address, name, budget) until the budget is met; prints each number it got. */
public final class ClaimingProcess {
    public static void main(String[] args) throws Exception {
        Study s = Study.open(StorageUrl.parse(args[0]), args[1]);
        int budget = Integer.parseInt(args[2]);
        Storage.Worker me = new Storage.Worker(StudyRunner.SELF, "main", "here");
        StringBuilder out = new StringBuilder();
        while (true) {
            Trial t = s.storage().claimNew(me, budget, new Storage.Proposal(-1, Map.of("x", 0.5), new double[] {0.5}, n -> n));
            if (t == null) break;
            s.storage().finish(t.number(), Trial.State.COMPLETE, Map.of("e", 1.0), null, 0);
            out.append(t.number()).append('\n');
        }
        s.close();
        System.out.print(out);
    }
}
