#!/usr/bin/python3
"""kill -9 campaign: studies killed at random moments and at injected points must lose, duplicate or leave
running no trial, and end exactly as a run that was never killed.

Run by hand (never by mvn test), from anywhere, after `mvn -q -DskipTests package`:
    /usr/bin/python3 bench/kill_campaign.py [--seed 1] [--random-kills 15] [--rounds 7] [--out DIR]
It prints one line per check and a summary, and exits 1 if any check failed. See docs/studies.md
("Crash safety") for what is checked and the last result.

Phases
  reference   a study (the test space, memory-capacity task, budget 4, one worker) run once, never killed
  random      the same study run with one worker and killed with SIGKILL after a random 0.3-4 s, again and
              again until it finishes; then compared with the reference trial by trial
  injected    the process halts itself (-Dhrsnn.crash=POINT:N, like kill -9: no hook, no flush) at every journal
              fsync, in the middle of every journal line (a torn line), before the rename of a new study, of a
              new budget and of every exported file; each is then resumed and compared with the reference
  parallel    4 processes run one study (budget 8) and are all killed -9 at random moments, for several rounds
Invariants checked after every kill: every journal line but a torn last one parses; trial numbers are created
once each, in order; no trial has two outcomes; `hrsnn study status` still opens the study. At the end of each
study: the budget is met exactly, no trial is left running, no hidden temporary file or folder remains.
"""
import argparse, json, os, random, shutil, signal, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
JAR = os.environ.get("HRSNN_JAR", os.path.join(REPO, "target", "hrsnn.jar"))
SPACE = os.path.join(REPO, "src", "test", "resources", "spaces", "small.yaml")
JAVA = ["java", "-Xmx300m"]

failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)
        print("FAIL " + what, flush=True)
    return ok


def hrsnn(root, *args, crash=None):
    cmd = JAVA + ([f"-Dhrsnn.crash={crash}"] if crash else []) + ["-jar", JAR] + list(args) + ["--root", root]
    return subprocess.run(cmd, capture_output=True, text=True)


def start(root, *args):
    return subprocess.Popen(JAVA + ["-jar", JAR] + list(args) + ["--root", root], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def journal(root, name):
    """The events; a torn last line (no newline) is ignored as hrsnn ignores it."""
    with open(os.path.join(root, name, "journal.jsonl"), "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    complete = lines[:-1]  # the part after the last newline is empty or torn
    events = []
    for i, l in enumerate(complete):
        try:
            events.append(json.loads(l))
        except ValueError:
            check(False, f"{name}: journal line {i + 1} does not parse: {l[:80]!r}")
    return events


def invariants(root, name, where):
    ev = journal(root, name)
    created = [e["trial"] for e in ev if e.get("event") == "created"]
    check(created == list(range(len(created))), f"{where}: trials created once each, in order (got {created})")
    outcomes = {}
    for e in ev:
        if e.get("event") in ("complete", "pruned", "failed"):
            outcomes[e["trial"]] = outcomes.get(e["trial"], 0) + 1
    check(all(c == 1 for c in outcomes.values()), f"{where}: no trial has two outcomes ({outcomes})")
    r = hrsnn(root, "study", "status", name, "--format", "json")
    check(r.returncode == 0, f"{where}: study status opens the study ({r.stderr.strip()})")
    return ev


def hidden(root):
    out = []
    for d, dirs, files in os.walk(root):
        out += [os.path.join(d, x) for x in dirs + files if x.startswith(".")]
    return out


def final(root, name, budget, where, reference=None):
    r = hrsnn(root, "study", "run", name)
    check(r.returncode == 0, f"{where}: the last run succeeds ({r.stderr.strip()[-200:]})")
    invariants(root, name, where)
    trials = json.loads(hrsnn(root, "study", "trials", name, "--format", "json").stdout)
    states = [t["state"] for t in trials]
    finished = sum(s in ("complete", "pruned", "failed") for s in states)
    check(finished == budget and len(trials) == budget, f"{where}: budget met exactly ({finished} finished of {len(trials)}, budget {budget})")
    check(all(s in ("complete", "pruned", "failed") for s in states), f"{where}: no trial left running ({states})")
    hrsnn(root, "study", "list")  # a command that cleans stale temporaries
    check(not hidden(root), f"{where}: no hidden temporary left ({hidden(root)})")
    poisoned = [t["trial"] for t in trials if (t.get("reason") or "").startswith("its worker process died")]
    if reference is not None:
        for t, ref in zip(trials, reference):
            if t["trial"] in poisoned:
                continue
            same = t["params"] == ref["params"] and t["seed"] == ref["seed"] and t["state"] == ref["state"] and t["metrics"] == ref["metrics"]
            check(same, f"{where}: trial {t['trial']} equals the never-killed run's")
    return trials, poisoned


def create(root, name, budget, seed):
    r = hrsnn(root, "study", "create", name, "--space", SPACE, "--task", "memory-capacity", "--trials", str(budget), "--seed", str(seed))
    if r.returncode != 0:
        sys.exit("cannot create the study: " + r.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--random-kills", type=int, default=15)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    if not os.path.exists(JAR):
        sys.exit(f"no {JAR}: build it with mvn -q -DskipTests package")
    rng = random.Random(a.seed)
    work = a.out or tempfile.mkdtemp(prefix="hrsnn-kill-")
    os.makedirs(work, exist_ok=True)
    t0 = time.time()
    budget = 4
    kills = {"random": 0, "injected": 0, "parallel": 0}
    poisoned_total = []

    # reference
    ref_root = os.path.join(work, "reference")
    create(ref_root, "s", budget, 1)
    base = os.path.join(work, "base")
    shutil.copytree(ref_root, base)  # the study before its first run
    reference, _ = final(ref_root, "s", budget, "reference")
    print(f"reference: {budget} trials, states {[t['state'] for t in reference]}", flush=True)

    def fresh(tag):
        root = os.path.join(work, tag)
        shutil.copytree(base, root)
        return root

    # random kills, one worker
    root = fresh("random")
    for k in range(a.random_kills):
        p = start(root, "study", "run", "s")
        time.sleep(rng.uniform(0.3, 4.0))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
            kills["random"] += 1
        p.wait()
        ev = invariants(root, "s", f"random kill {k + 1}")
        if sum(e.get("event") in ("complete", "pruned", "failed") for e in ev) >= budget:
            break
    _, poisoned = final(root, "s", budget, "random", reference)
    poisoned_total += poisoned
    print(f"random: {kills['random']} kills", flush=True)

    # injected points during run
    for point in ("journal.fsync", "journal.torn"):
        n = 1
        while True:
            root = fresh(f"{point}-{n}")
            r = hrsnn(root, "study", "run", "s", crash=f"{point}:{n}")
            if r.returncode != 137:
                check(r.returncode == 0, f"{point}:{n}: a run past the last {point} succeeds")
                shutil.rmtree(root)
                break
            kills["injected"] += 1
            invariants(root, "s", f"{point}:{n}")
            _, poisoned = final(root, "s", budget, f"{point}:{n}", reference)
            poisoned_total += poisoned
            shutil.rmtree(root)
            n += 1
        print(f"{point}: halted at each of {n - 1} points", flush=True)

    # injected: create, new budget, export
    root = os.path.join(work, "create")
    r = hrsnn(root, "study", "create", "c", "--space", SPACE, "--task", "memory-capacity", "--trials", "2", crash="create.rename:1")
    check(r.returncode == 137, f"create.rename: halted ({r.returncode})")
    kills["injected"] += 1
    listed = hrsnn(root, "study", "list")
    check("c " not in listed.stdout, f"create.rename: the half-made study is not listed ({listed.stdout.strip()})")
    check(not hidden(root), f"create.rename: its temporary is cleaned by the next command ({hidden(root)})")
    r = hrsnn(root, "study", "create", "c", "--space", SPACE, "--task", "memory-capacity", "--trials", "2")
    check(r.returncode == 0, f"create.rename: the study can then be created ({r.stderr.strip()})")

    root = fresh("config")
    r = hrsnn(root, "study", "run", "s", "--trials", str(budget + 1), crash="config.rename:1")
    check(r.returncode == 137, f"config.rename: halted ({r.returncode})")
    kills["injected"] += 1
    with open(os.path.join(root, "s", "study.json")) as f:
        check(json.load(f)["trials"] == budget, "config.rename: study.json keeps the old budget, whole")
    final(root, "s", budget, "config.rename", reference)

    exported = os.path.join(ref_root, "s", "export")
    shutil.rmtree(exported, ignore_errors=True)
    files = None
    n = 1
    while True:
        r = hrsnn(ref_root, "study", "export", "s", crash=f"export.rename:{n}")
        if r.returncode != 137:
            check(r.returncode == 0, f"export.rename:{n}: an export past the last rename succeeds")
            files = sorted(os.listdir(exported))
            break
        kills["injected"] += 1
        for f in os.listdir(exported):
            if f.startswith("."):
                continue
            path = os.path.join(exported, f)
            if f.endswith(".json"):
                try:
                    json.load(open(path))
                    ok = True
                except ValueError:
                    ok = False
                check(ok, f"export.rename:{n}: {f} is whole")
        n += 1
    check(not hidden(exported), f"export: no hidden temporary after a complete export ({hidden(exported)})")
    print(f"export.rename: halted at each of {n - 1} renames; then {files}", flush=True)

    # parallel: 4 processes, all killed, several rounds
    root = os.path.join(work, "parallel")
    create(root, "p", 8, 2)
    for rnd in range(a.rounds):
        ps = [start(root, "study", "run", "p") for _ in range(4)]
        time.sleep(rng.uniform(1.0, 5.0))
        for p in ps:
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                kills["parallel"] += 1
            p.wait()
        invariants(root, "p", f"parallel round {rnd + 1}")
    _, poisoned = final(root, "p", 8, "parallel")
    poisoned_total += poisoned

    print(f"summary: {sum(kills.values())} kills ({kills}), {checks} checks, {len(failures)} failed, "
          f"{len(poisoned_total)} trial(s) failed after their worker died twice; {time.time() - t0:.0f} s; work folder {work}", flush=True)
    if not a.out and not failures:
        shutil.rmtree(work)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
