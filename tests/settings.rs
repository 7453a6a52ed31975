//! A broken config or theme is reported with its place before the terminal is taken over.

use assert_cmd::cargo::cargo_bin_cmd;

fn run(config: Option<&str>, theme_file: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let config_dir = dir.path().join("config");
    std::fs::create_dir_all(&config_dir).unwrap();
    if let Some(text) = config {
        std::fs::write(config_dir.join("config.toml"), text).unwrap();
    }
    let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    if let Some(text) = theme_file {
        let path = dir.path().join("mine.toml");
        std::fs::write(&path, text).unwrap();
        args.extend(["--theme".to_string(), path.display().to_string()]);
    }
    let output = cargo_bin_cmd!("lectern")
        .args(&args)
        .current_dir(dir.path())
        .env("LECTERN_CONFIG_DIR", &config_dir)
        .env("LECTERN_DATA_DIR", dir.path().join("data"))
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

#[test]
fn a_broken_config_stops_the_app_with_its_place() {
    let (code, stdout, stderr) = run(Some("theme = \"dark\"\nreading_widht = 60\n"), None, &[]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty(), "nothing was drawn: {stdout:?}");
    assert!(stderr.contains("reading_widht"), "{stderr}");
    assert!(stderr.contains("config.toml:2:1"), "{stderr}");
    assert!(stderr.contains("reading_width"), "a suggestion: {stderr}");
    assert!(!stderr.contains("\u{1b}[?1049h"), "the terminal was never taken over");
}

#[test]
fn a_broken_theme_stops_the_app_with_its_place() {
    let (code, stdout, stderr) = run(None, Some("[term]\nfg = \"lightcyna\"\n"), &[]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert!(stderr.contains("mine.toml:2:6"), "{stderr}");
    assert!(stderr.contains("lightcyan"), "a suggestion: {stderr}");
}

#[test]
fn an_unknown_theme_name_lists_the_themes() {
    let (code, _, stderr) = run(None, None, &["--theme", "drak", "replay"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("the themes are dark, light, high-contrast, mono, auto,"), "{stderr}");
}

#[test]
fn a_good_config_sets_the_reading_width() {
    let (code, stdout, _) = run(Some("reading_width = 40\n"), None, &["replay", "--size", "200x20"]);
    assert_eq!(code, 0);
    let widths: Vec<usize> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix('┃'))
        .map(|l| l.split('┃').next().unwrap_or("").trim().chars().count())
        .collect();
    assert!(widths.len() > 10, "{stdout}");
    let widest = widths.into_iter().max().unwrap();
    assert!((30..=40).contains(&widest), "the article text is set at most 40 wide, found {widest}:\n{stdout}");
}

#[test]
fn the_marks_setting_is_read_at_start() {
    // M moves on from the setting read: from "none" to "first".
    let (code, stdout, stderr) = run(Some("marks = \"none\"\n"), None, &["replay", "--size", "100x30", "--keys", "M"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("marks: first"), "{stdout}");
}
