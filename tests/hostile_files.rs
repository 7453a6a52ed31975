//! Packs are shared between strangers: a pack folder may hold a FIFO, a link out of the
//! folder, a huge file, or a `ref` or glossary built to make loading slow. Each is refused
//! quickly, with a message naming the file, and nothing outside the folder is shown.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lectern::pack::load;
use lectern::pack::source::Origin;
use lectern::text::terms::{MAX_NAMES, TermIndex};
use tempfile::TempDir;

const PACK: &str = "title = \"Hostile\"\nauthor = \"Ann Author\"\n";
const ARTICLE: &str =
    "# Hostile\n\nThe first paragraph is about apples and pears.\n\nThe second one is about rivers.\n";
const GLOSSARY: &str = "[[term]]\nterm = \"river\"\ndefinition = \"Water that flows.\"\n";
const QUIZ: &str =
    "[[question]]\nid = \"q\"\nkind = \"truefalse\"\nprompt = \"Apples?\"\nanswer = true\nref = \"about apples\"\n";

/// How long any run may take before it counts as hanging.
const PATIENCE: Duration = Duration::from_secs(5);

/// A sandbox: a data directory whose `texts/hostile` is a pack, and an empty working directory.
struct Sandbox {
    root: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        let sandbox = Sandbox { root };
        fs::create_dir_all(sandbox.dir()).expect("pack dir");
        fs::create_dir_all(sandbox.root.path().join("cwd")).expect("cwd");
        for (name, text) in
            [("pack.toml", PACK), ("article.md", ARTICLE), ("glossary.toml", GLOSSARY), ("quiz.toml", QUIZ)]
        {
            sandbox.write(name, text);
        }
        sandbox
    }

    /// The pack folder.
    fn dir(&self) -> PathBuf {
        self.root.path().join("data").join("texts").join("hostile")
    }

    fn write(&self, name: &str, text: &str) {
        fs::write(self.dir().join(name), text).expect("write pack file");
    }

    /// Replaces `name` with what `make` puts at its path.
    fn replace(&self, name: &str, make: impl FnOnce(&Path)) {
        let path = self.dir().join(name);
        fs::remove_file(&path).expect("remove pack file");
        make(&path);
    }

    /// Runs lectern with `args`, killing it after [`PATIENCE`]; returns (exit code, stdout,
    /// stderr), or panics when it did not finish in time.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.root.path().join("stdout");
        let err = self.root.path().join("stderr");
        let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(args)
            .current_dir(self.root.path().join("cwd"))
            .env("LECTERN_DATA_DIR", self.root.path().join("data"))
            .env("LECTERN_CONFIG_DIR", self.root.path().join("config"))
            .env("HOME", self.root.path().join("home"))
            .env("XDG_DATA_HOME", self.root.path().join("xdg"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(fs::File::create(&out).expect("stdout file"))
            .stderr(fs::File::create(&err).expect("stderr file"))
            .spawn()
            .expect("run lectern");
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for lectern") {
                break status;
            }
            if started.elapsed() > PATIENCE {
                let _ = child.kill();
                let _ = child.wait();
                panic!("lectern {args:?} still running after {PATIENCE:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let read = |path: &Path| String::from_utf8_lossy(&fs::read(path).expect("output")).into_owned();
        (status.code().expect("exited by a signal"), read(&out), read(&err))
    }

    /// `lectern check DIR`.
    fn check(&self) -> (i32, String, String) {
        let dir = self.dir();
        self.run(&["check", dir.to_str().expect("utf-8 temp path")])
    }
}

/// Asserts `check` fails at once with an error about `name` saying `why`.
fn assert_refused(sandbox: &Sandbox, name: &str, why: &str) {
    let (code, stdout, stderr) = sandbox.check();
    assert_eq!(code, 1, "check fails; stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stderr.contains(&format!("`{name}` is not read: {why}")), "the reason is given:\n{stderr}");
    assert!(stderr.contains(&sandbox.dir().join(name).display().to_string()), "the file is named:\n{stderr}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("run mkfifo");
    assert!(status.success(), "mkfifo");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting() {
    for name in ["article.md", "quiz.toml"] {
        let sandbox = Sandbox::new();
        sandbox.replace(name, mkfifo);
        assert_refused(&sandbox, name, "it is not a regular file");
        let (code, stdout, stderr) = sandbox.run(&["list"]);
        assert_eq!(code, 0, "list still lists; stderr:\n{stderr}");
        assert!(stdout.contains("hostile"), "the pack is listed:\n{stdout}");
        let (code, _, stderr) = sandbox.run(&["check"]);
        assert_eq!(code, 1, "bare check reports the pack");
        assert!(stderr.contains(&format!("`{name}` is not read")), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_folder_is_refused_and_never_shown() {
    let sandbox = Sandbox::new();
    let outside = sandbox.root.path().join("secret.md");
    fs::write(&outside, "# Secret\n\nThe secret word is xylophone-7731.\n").expect("write");
    sandbox.replace("article.md", |path| std::os::unix::fs::symlink(&outside, path).expect("symlink"));
    assert_refused(&sandbox, "article.md", "it is a link to a file outside the pack folder");
    let dir = sandbox.dir();
    let (code, stdout, stderr) = sandbox.run(&["export", dir.to_str().expect("utf-8")]);
    assert_ne!(code, 0, "export refuses the pack");
    assert!(!stdout.contains("xylophone") && !stderr.contains("xylophone"), "{stdout}\n{stderr}");

    // A link through `..` that comes back is outside too once resolved.
    let sandbox = Sandbox::new();
    sandbox.replace("pack.toml", |path| {
        std::os::unix::fs::symlink("../../../../../../../../etc/passwd", path).expect("symlink")
    });
    let (code, stdout, stderr) = sandbox.check();
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(!stderr.contains("root:"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_device_is_refused_quickly() {
    let sandbox = Sandbox::new();
    sandbox.replace("article.md", |path| std::os::unix::fs::symlink("/dev/zero", path).expect("symlink"));
    let started = Instant::now();
    assert_refused(&sandbox, "article.md", "it is a link to a file outside the pack folder");
    assert!(started.elapsed() < Duration::from_secs(2), "refused at once: {:?}", started.elapsed());
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_folder_is_followed() {
    let sandbox = Sandbox::new();
    fs::create_dir(sandbox.dir().join("src")).expect("mkdir");
    fs::write(sandbox.dir().join("src").join("text.md"), ARTICLE).expect("write");
    sandbox.replace("article.md", |path| std::os::unix::fs::symlink("src/text.md", path).expect("symlink"));
    let (code, stdout, stderr) = sandbox.check();
    assert_eq!(code, 0, "{stdout}\n{stderr}");

    // But not to a FIFO inside it.
    mkfifo(&sandbox.dir().join("src").join("fifo"));
    sandbox.replace("article.md", |path| std::os::unix::fs::symlink("src/fifo", path).expect("symlink"));
    assert_refused(&sandbox, "article.md", "it is not a regular file");
}

#[test]
fn a_folder_in_place_of_a_file_is_refused() {
    let sandbox = Sandbox::new();
    sandbox.replace("glossary.toml", |path| fs::create_dir(path).expect("mkdir"));
    assert_refused(&sandbox, "glossary.toml", "it is not a regular file");
}

#[test]
fn a_file_over_its_size_limit_is_refused_before_it_is_read() {
    let sandbox = Sandbox::new();
    // Sparse files: nothing is written, but each is over its limit.
    for (name, megabytes) in [("article.md", 65), ("quiz.toml", 17)] {
        let file = fs::OpenOptions::new().write(true).truncate(true).open(sandbox.dir().join(name)).expect("open");
        file.set_len(megabytes * 1024 * 1024).expect("set_len");
    }
    let started = Instant::now();
    let (code, stdout, stderr) = sandbox.check();
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    assert!(stderr.contains("`article.md` is not read: it is larger than 64 MB"), "{stderr}");
    assert!(stderr.contains("`quiz.toml` is not read: it is larger than 16 MB"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(2), "refused without reading: {:?}", started.elapsed());
}

/// Loads the sandbox's pack in this process.
fn load_dir(dir: &Path) -> lectern::pack::Loaded {
    load(Origin::Folder(dir))
}

#[test]
fn an_ordinary_pack_loads() {
    let sandbox = Sandbox::new();
    let loaded = load_dir(&sandbox.dir());
    assert!(loaded.is_ok(), "{:?}", loaded.diagnostics.iter().map(|d| d.message.clone()).collect::<Vec<_>>());
}

/// Loads the pack in `dir`, failing when that takes longer than `limit` (the load is left
/// running on its thread, so a load that never ends fails the test rather than hanging it).
fn load_within(dir: &Path, limit: Duration) -> lectern::pack::Loaded {
    let (send, receive) = std::sync::mpsc::channel();
    let dir = dir.to_path_buf();
    let started = Instant::now();
    std::thread::spawn(move || {
        let _ = send.send(load(Origin::Folder(&dir)));
    });
    let loaded = receive.recv_timeout(limit).unwrap_or_else(|_| panic!("loading took longer than {limit:?}"));
    assert!(started.elapsed() < limit);
    loaded
}

/// The messages of a load's diagnostics.
fn messages(loaded: &lectern::pack::Loaded) -> Vec<String> {
    loaded.diagnostics.iter().map(|d| d.message.clone()).collect()
}

#[test]
fn a_ref_of_a_megabyte_is_refused_at_once() {
    let sandbox = Sandbox::new();
    // An article that holds the ref, so only its length can fail it.
    let long = "Para ".repeat(200_000);
    let long = long.trim();
    sandbox.write("article.md", &format!("# Hostile\n\n{long}\n"));
    sandbox.write("quiz.toml", &QUIZ.replace("about apples", long));
    sandbox.write("pack.toml", &format!("{PACK}\n[[discussion]]\nprompt = \"Why?\"\nref = \"{long}\"\n"));
    // Searching for such a ref took minutes; reading and checking a megabyte takes little.
    let loaded = load_within(&sandbox.dir(), Duration::from_secs(2));
    let refused = "`ref` is 999999 characters long; the most is 300".to_string();
    assert_eq!(messages(&loaded), [refused.clone(), refused], "each ref is refused, and nothing else");

    // The longest ref allowed is still found.
    let words = "Para ".repeat(60);
    let at_limit = words.trim();
    assert_eq!(at_limit.chars().count(), 299);
    sandbox.write("quiz.toml", &QUIZ.replace("about apples", at_limit));
    sandbox.write("pack.toml", PACK);
    let loaded = load_dir(&sandbox.dir());
    assert!(loaded.is_ok(), "{:?}", messages(&loaded));
    assert!(loaded.pack.questions[0].reference.as_ref().and_then(|r| r.anchor.as_ref()).is_some());
}

#[test]
fn a_term_or_alias_over_the_limit_is_refused() {
    let sandbox = Sandbox::new();
    let long = "word ".repeat(200_000);
    let long = long.trim();
    let alias = "x".repeat(101);
    sandbox.write(
        "glossary.toml",
        &format!(
            "{GLOSSARY}\n[[term]]\nterm = \"{long}\"\ndefinition = \"Long.\"\n\n[[term]]\nterm = \"ok\"\naliases = [\"{alias}\", \"fine\"]\ndefinition = \"D.\"\n"
        ),
    );
    let loaded = load_within(&sandbox.dir(), Duration::from_secs(2));
    assert_eq!(
        messages(&loaded),
        ["`term` is 999999 characters long; the most is 100", "`aliases` is 101 characters long; the most is 100"]
    );
    let (code, _, stderr) = sandbox.check();
    assert_eq!(code, 1);
    assert!(stderr.contains("help: a term or alias is a word or a short name"), "{stderr}");
}

/// `n` distinct glossary names of one to three words, some with letters outside ASCII and
/// some with apostrophes: the shapes whose automaton takes longest to build.
fn names(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match i % 3 {
            0 => format!("term{i}"),
            1 => format!("ökonomie {i}"),
            _ => format!("État {i} public’s"),
        })
        .collect()
}

/// The median time of three builds of a term index of `names`.
fn index_time(names: &[String]) -> Duration {
    let mut times: Vec<Duration> = (0..3)
        .map(|_| {
            let started = Instant::now();
            let index = TermIndex::new(names.iter().map(|n| [n.as_str()]));
            let took = started.elapsed();
            assert!(!index.is_empty());
            took
        })
        .collect();
    times.sort();
    times[1]
}

#[test]
fn a_glossary_over_the_limit_of_names_is_refused() {
    let sandbox = Sandbox::new();
    // 10,000 entries of a term and an alias: 20,000 names, the most allowed.
    let entry =
        |i: usize| format!("[[term]]\nterm = \"ökonomie {i}\"\naliases = [\"état {i}\"]\ndefinition = \"D.\"\n\n");
    let glossary: String = (0..MAX_NAMES / 2).map(entry).collect();
    sandbox.write("glossary.toml", &glossary);
    let loaded = load_within(&sandbox.dir(), Duration::from_secs(5));
    assert!(loaded.is_ok(), "{:?}", messages(&loaded));

    let more = format!("{glossary}{}", entry(MAX_NAMES));
    sandbox.write("glossary.toml", &more);
    let loaded = load_within(&sandbox.dir(), Duration::from_secs(5));
    assert_eq!(messages(&loaded), ["the glossary has more than 20000 terms and aliases; this entry is past the limit"]);
    // Each entry takes five lines.
    let line = MAX_NAMES / 2 * 5 + 1;
    assert_eq!(loaded.diagnostics[0].line_col(), Some((line, 1)), "it points at the entry past the limit");
}

#[test]
fn a_term_index_of_many_names_takes_no_longer_than_one_at_the_limit() {
    // Building an automaton of 100,000 names took 80 times as long as one of 10,000; past
    // the limit, names are not indexed, so five times the limit costs about the same.
    let (at_limit, over) = (names(MAX_NAMES), names(5 * MAX_NAMES));
    let (at_limit_time, over_time) = (index_time(&at_limit), index_time(&over));
    assert!(over_time < at_limit_time * 3, "{MAX_NAMES} names: {at_limit_time:?}; five times as many: {over_time:?}");
    let index = TermIndex::new(over.iter().map(|n| [n.as_str()]));
    let found: Vec<usize> = index.find("see term19998 and the ÖKONOMIE 19996").into_iter().map(|m| m.term).collect();
    assert_eq!(found, [19_998, 19_996]);
    assert!(index.find("term20001").is_empty(), "a name past the limit is not indexed");
}

#[test]
fn a_file_with_twenty_thousand_problems_is_reported_without_reading_it_again_for_each() {
    let sandbox = Sandbox::new();
    let mut pack = String::from(PACK);
    for n in 0..20_000 {
        pack.push_str(&format!("field{n} = {n}\n"));
    }
    sandbox.write("pack.toml", &pack);
    // Each diagnostic shows its own line, found in a table made once; counting through
    // the file for each took minutes in a debug build.
    let (code, _, err) = sandbox.check();
    assert_eq!(code, 1);
    assert_eq!(err.matches("unknown field `field").count(), 20_000);
    assert!(err.contains("20002 | field19999 = 19999"), "the last one names its line");
}

#[test]
fn a_file_of_twenty_thousand_problems_on_one_line_is_reported_quickly() {
    // Found by fuzzing `quiz.toml`: 38 KB of control characters on one line. Each problem
    // quoted the whole line, so reporting them was quadratic in its length (4.9 s in a
    // release build); now each quotes a window of the line around its own place.
    let sandbox = Sandbox::new();
    let found = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/quiz_toml-slow-one-line-controls");
    fs::copy(&found, sandbox.dir().join("quiz.toml")).expect("copy the found file");
    let (code, _, err) = sandbox.check();
    assert_eq!(code, 1);
    let problems = err.matches("\nerror: ").count() + usize::from(err.starts_with("error: "));
    assert!(problems > 20_000, "every problem is reported, not only the first: {problems}");
    let widest = err.lines().map(|line| line.chars().count()).max().unwrap_or(0);
    assert!(widest < 200, "each quote is a window of the line, not all of it: {widest} characters");
    assert!(err.contains("quiz.toml:1:35000\n"), "a column far along the line is counted in the whole line");
}
