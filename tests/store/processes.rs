//! Two real processes on one pack: `lectern quiz --plain` at once and one after the other.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use super::*;

/// `lectern quiz --plain` on the bundled pack, in order, with data in `data`, not yet answering.
fn plain_quiz(data: &Path) -> (Child, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["quiz", "--plain", "--in-order", "--seed", "1"])
        .env("LECTERN_DATA_DIR", data)
        .env("LECTERN_CONFIG_DIR", data.join("config"))
        .env("LECTERN_NOW", "2026-12-01T09:00:00Z")
        .env("TZ", "UTC")
        .current_dir(data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run lectern");
    let (send, lines) = channel();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    (child, lines)
}

/// Waits for a line of `lines` that starts `Question n of`: the quiz has taken the answer
/// before it (and so saved it) and asks the next.
fn wait_for_question(lines: &Receiver<String>, n: usize) {
    let want = format!("Question {n} of");
    loop {
        let line = lines.recv_timeout(Duration::from_secs(30)).unwrap_or_else(|_| panic!("no {want:?}"));
        if line.contains(&want) {
            return;
        }
    }
}

fn reviews_in(data: &Path) -> usize {
    open(data).load(PACK).unwrap().cards.values().map(|c| c.log.len()).sum()
}

#[test]
fn two_processes_on_one_pack_keep_each_others_reviews() {
    let dir = tempfile::tempdir().unwrap();
    // Both have loaded (and asked the first question) before either answers.
    let (mut a, lines_a) = plain_quiz(dir.path());
    wait_for_question(&lines_a, 1);
    let (mut b, lines_b) = plain_quiz(dir.path());
    wait_for_question(&lines_b, 1);
    // The first questions: a text one, then a choice of four.
    let answers = ["Liang Wenfeng", "1"];
    for (i, answer) in answers.iter().enumerate() {
        for (child, lines) in [(&mut a, &lines_a), (&mut b, &lines_b)] {
            writeln!(child.stdin.as_mut().unwrap(), "{answer}").unwrap();
            wait_for_question(lines, i + 2);
        }
    }
    for mut child in [a, b] {
        drop(child.stdin.take());
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let saved = open(dir.path()).load(PACK).unwrap();
    let answered: Vec<&Card> = saved.cards.values().filter(|c| !c.log.is_empty()).collect();
    assert_eq!(answered.len(), 2, "the two questions answered");
    assert!(answered.iter().all(|card| card.log.len() == 2), "each answered once by each process: {answered:?}");
    assert_eq!(open(dir.path()).finished(PACK).unwrap().len(), 2, "each sitting ended with answers");

    // One after the other, each on what the other left: the log grows by each's answers.
    let before = reviews_in(dir.path());
    for _ in 0..2 {
        let (mut child, lines) = plain_quiz(dir.path());
        wait_for_question(&lines, 1);
        writeln!(child.stdin.as_mut().unwrap(), "Liang Wenfeng").unwrap();
        wait_for_question(&lines, 2);
        drop(child.stdin.take());
        assert!(child.wait().unwrap().success());
    }
    assert_eq!(reviews_in(dir.path()), before + 2);
}
