//! Key notation for driving the app without a terminal: vim-style text such as
//! `jj/deep<Enter>nN<Esc>q` parsed into the key presses crossterm would report, and back.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One input to the app: a key press or a terminal resize.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(KeyEvent),
    Resize(u16, u16),
}

/// Why a key string could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at `{near}` (character {at})")]
pub struct KeyError {
    pub message: String,
    /// The text at the fault, such as the whole `<…>` name.
    pub near: String,
    /// Position of the fault in the key string, counting characters from 1.
    pub at: usize,
}

/// Named keys, matched ignoring case; the first name of a key is the one `name` writes.
const NAMES: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("CR", KeyCode::Enter),
    ("Return", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Escape", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Space", KeyCode::Char(' ')),
    ("lt", KeyCode::Char('<')),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("BS", KeyCode::Backspace),
    ("Backspace", KeyCode::Backspace),
    ("Del", KeyCode::Delete),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
];

/// How much of the text to quote in an error.
const NEAR: usize = 20;

/// Parses vim key notation, such as `jj/deep<Enter>nN<Esc>q`, into steps.
///
/// Characters stand for themselves; `<Enter>` `<Esc>` `<Tab>` `<S-Tab>` `<Space>` `<Up>`
/// `<Down>` `<Left>` `<Right>` `<PageUp>` `<PageDown>` `<Home>` `<End>` `<BS>` `<Del>` name
/// keys; `<C-x>` is Ctrl and any character; `<S-Up>` and the like are shifted keys; `<lt>`
/// is `<`; `<Resize:80x24>` resizes. Names ignore case. An uppercase character like `G`
/// carries `KeyModifiers::SHIFT`, as crossterm reports it. A `<` that does not start a
/// known name is an error with its position.
///
/// Also accepted: `A-`/`M-` for Alt and modifiers combined (`<C-S-Tab>`), `<F1>` to
/// `<F24>`, `<Insert>`, and the aliases `<CR>`, `<Return>`, `<Escape>`, `<Backspace>`,
/// `<Delete>`. As in vim, `<C-D>` is `<C-d>`: terminals report Ctrl with the lowercase
/// letter. A control character typed as itself (a newline, say) is an error, so a stray
/// one is not sent as a key.
pub fn parse(keys: &str) -> Result<Vec<Step>, KeyError> {
    let mut steps = Vec::new();
    let mut rest = keys;
    let mut at = 1;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let Some(close) = rest.find('>') else {
                return Err(error("unclosed `<` (write <lt> for `<` itself)", rest, at));
            };
            let whole = &rest[..=close];
            steps.push(bracketed(&rest[1..close]).map_err(|message| error(message, whole, at))?);
            at += whole.chars().count();
            rest = &rest[close + 1..];
        } else if c.is_control() {
            return Err(error(
                "a control character (write <Enter>, <Tab> or <C-x>)",
                &c.escape_debug().to_string(),
                at,
            ));
        } else {
            steps.push(Step::Key(char_key(c, KeyModifiers::NONE)));
            at += 1;
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(steps)
}

/// The notation of one step, such as `G`, `<Enter>`, `<C-d>` or `<Resize:80x24>`: the inverse of [`parse`].
pub fn name(step: &Step) -> String {
    let key = match step {
        Step::Resize(width, height) => return format!("<Resize:{width}x{height}>"),
        Step::Key(key) => key,
    };
    let mut mods = key.modifiers;
    let base = match key.code {
        KeyCode::Char(c) => {
            // An uppercase letter implies Shift, except with Ctrl, where <C-D> means <C-d>.
            if c.is_uppercase() && !mods.contains(KeyModifiers::CONTROL) {
                mods.remove(KeyModifiers::SHIFT);
            }
            match c {
                ' ' => "Space".to_string(),
                '<' => "lt".to_string(),
                c if mods.is_empty() && !c.is_control() => return c.to_string(),
                c => c.to_string(),
            }
        }
        KeyCode::BackTab => {
            mods.insert(KeyModifiers::SHIFT);
            "Tab".to_string()
        }
        KeyCode::F(n) => format!("F{n}"),
        code => NAMES.iter().find(|(_, k)| *k == code).map_or_else(|| format!("{code:?}"), |(n, _)| n.to_string()),
    };
    let mut out = String::from("<");
    for (flag, prefix) in [(KeyModifiers::CONTROL, "C-"), (KeyModifiers::ALT, "A-"), (KeyModifiers::SHIFT, "S-")] {
        if mods.contains(flag) {
            out.push_str(prefix);
        }
    }
    out.push_str(&base);
    out.push('>');
    out
}

fn error(message: &str, near: &str, at: usize) -> KeyError {
    let mut quoted: String = near.chars().take(NEAR).collect();
    if quoted.len() < near.len() {
        quoted.push('…');
    }
    KeyError { message: message.to_string(), near: quoted, at }
}

/// The step named by the text between `<` and `>`.
fn bracketed(inner: &str) -> Result<Step, &'static str> {
    if inner.is_empty() {
        return Err("empty key name");
    }
    if let Some(size) = strip_prefix_ignore_case(inner, "resize:") {
        return resize(size).ok_or("bad size (write <Resize:80x24>)");
    }
    let mut mods = KeyModifiers::NONE;
    let mut rest = inner;
    // A modifier is a letter and `-` with something after it, so <C--> is Ctrl and `-`.
    while rest.len() > 2 && rest.as_bytes()[1] == b'-' {
        mods |= match rest.as_bytes()[0].to_ascii_lowercase() {
            b'c' => KeyModifiers::CONTROL,
            b's' => KeyModifiers::SHIFT,
            b'a' | b'm' => KeyModifiers::ALT,
            _ => break,
        };
        rest = &rest[2..];
    }
    let mut chars = rest.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if mods.is_empty() {
            return Err("unknown key name (write a plain character without `<>`)");
        }
        return Ok(Step::Key(char_key(c, mods)));
    }
    let code = NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(rest))
        .map(|(_, code)| *code)
        .or_else(|| function_key(rest))
        .ok_or("unknown key name (write <lt> for `<` itself)")?;
    let code = if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) { KeyCode::BackTab } else { code };
    Ok(Step::Key(KeyEvent::new(code, mods)))
}

/// A character key as crossterm reports it: uppercase letters carry Shift, and Ctrl comes
/// with the lowercase ASCII letter unless Shift is named too.
fn char_key(c: char, mut mods: KeyModifiers) -> KeyEvent {
    let c = if mods.contains(KeyModifiers::CONTROL) && c.is_ascii_alphabetic() {
        if mods.contains(KeyModifiers::SHIFT) { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }
    } else if mods.contains(KeyModifiers::SHIFT) {
        let mut upper = c.to_uppercase();
        match (upper.next(), upper.next()) {
            (Some(u), None) => u,
            _ => c,
        }
    } else {
        c
    };
    if c.is_uppercase() {
        mods |= KeyModifiers::SHIFT;
    }
    KeyEvent::new(KeyCode::Char(c), mods)
}

fn function_key(name: &str) -> Option<KeyCode> {
    let n: u8 = strip_prefix_ignore_case(name, "f")?.parse().ok()?;
    (1..=24).contains(&n).then_some(KeyCode::F(n))
}

fn resize(size: &str) -> Option<Step> {
    let (width, height) = size.split_once(['x', 'X'])?;
    let (width, height): (u16, u16) = (width.parse().ok()?, height.parse().ok()?);
    (width > 0 && height > 0).then_some(Step::Resize(width, height))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> Step {
        Step::Key(KeyEvent::new(code, mods))
    }

    fn plain(code: KeyCode) -> Step {
        key(code, KeyModifiers::NONE)
    }

    fn one(keys: &str) -> Step {
        let steps = parse(keys).unwrap();
        assert_eq!(steps.len(), 1, "{keys}");
        steps.into_iter().next().unwrap()
    }

    #[test]
    fn each_name() {
        let cases = [
            ("<Enter>", plain(KeyCode::Enter)),
            ("<Esc>", plain(KeyCode::Esc)),
            ("<Tab>", plain(KeyCode::Tab)),
            ("<S-Tab>", key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            ("<Space>", plain(KeyCode::Char(' '))),
            ("<Up>", plain(KeyCode::Up)),
            ("<Down>", plain(KeyCode::Down)),
            ("<Left>", plain(KeyCode::Left)),
            ("<Right>", plain(KeyCode::Right)),
            ("<PageUp>", plain(KeyCode::PageUp)),
            ("<PageDown>", plain(KeyCode::PageDown)),
            ("<Home>", plain(KeyCode::Home)),
            ("<End>", plain(KeyCode::End)),
            ("<BS>", plain(KeyCode::Backspace)),
            ("<Del>", plain(KeyCode::Delete)),
            ("<lt>", plain(KeyCode::Char('<'))),
            ("<C-d>", key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            ("<C-->", key(KeyCode::Char('-'), KeyModifiers::CONTROL)),
            ("<S-Up>", key(KeyCode::Up, KeyModifiers::SHIFT)),
            ("<S-Right>", key(KeyCode::Right, KeyModifiers::SHIFT)),
            ("<C-Left>", key(KeyCode::Left, KeyModifiers::CONTROL)),
            ("<A-x>", key(KeyCode::Char('x'), KeyModifiers::ALT)),
            ("<F5>", plain(KeyCode::F(5))),
            ("<Resize:80x24>", Step::Resize(80, 24)),
            ("G", key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            ("g", plain(KeyCode::Char('g'))),
            ("?", plain(KeyCode::Char('?'))),
            (">", plain(KeyCode::Char('>'))),
            ("é", plain(KeyCode::Char('é'))),
            ("É", key(KeyCode::Char('É'), KeyModifiers::SHIFT)),
        ];
        for (text, step) in cases {
            assert_eq!(one(text), step, "{text}");
            assert_eq!(name(&step), text);
        }
    }

    #[test]
    fn names_ignore_case() {
        assert_eq!(one("<enter>"), plain(KeyCode::Enter));
        assert_eq!(one("<PAGEDOWN>"), plain(KeyCode::PageDown));
        assert_eq!(one("<s-tab>"), key(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(one("<LT>"), plain(KeyCode::Char('<')));
        assert_eq!(one("<resize:100X30>"), Step::Resize(100, 30));
        // As in vim, Ctrl with an uppercase letter is Ctrl with the letter.
        assert_eq!(one("<c-D>"), key(KeyCode::Char('d'), KeyModifiers::CONTROL));
        assert_eq!(one("<CR>"), plain(KeyCode::Enter));
        assert_eq!(one("<S-g>"), key(KeyCode::Char('G'), KeyModifiers::SHIFT));
    }

    #[test]
    fn mixed_sequence() {
        let steps = parse("jj/deep<Enter>nN<Esc>q").unwrap();
        let ch = |c| plain(KeyCode::Char(c));
        let expected = [
            ch('j'),
            ch('j'),
            ch('/'),
            ch('d'),
            ch('e'),
            ch('e'),
            ch('p'),
            plain(KeyCode::Enter),
            ch('n'),
            key(KeyCode::Char('N'), KeyModifiers::SHIFT),
            plain(KeyCode::Esc),
            ch('q'),
        ];
        assert_eq!(steps, expected);
        let names: String = steps.iter().map(name).collect();
        assert_eq!(names, "jj/deep<Enter>nN<Esc>q");
        assert_eq!(parse("a<lt>b").unwrap(), [ch('a'), ch('<'), ch('b')]);
        assert_eq!(parse("a b").unwrap(), [ch('a'), ch(' '), ch('b')]);
        assert_eq!(parse("").unwrap(), []);
    }

    #[test]
    fn errors_have_positions() {
        let err = parse("jj<Foo>k").unwrap_err();
        assert_eq!(err, KeyError { message: err.message.clone(), near: "<Foo>".into(), at: 3 });
        assert!(err.message.starts_with("unknown key name"));
        assert_eq!(err.to_string(), format!("{} at `<Foo>` (character 3)", err.message));
        let err = parse("é<Enter>a < b").unwrap_err();
        assert_eq!((err.at, err.near.as_str()), (11, "< b"));
        assert!(err.message.starts_with("unclosed"));
        assert_eq!(parse("<>").unwrap_err().message, "empty key name");
        assert_eq!(parse("x<j>").unwrap_err().at, 2);
        assert_eq!(parse("<Resize:80x0>").unwrap_err().near, "<Resize:80x0>");
        assert!(parse("<Resize:80>").is_err());
        assert!(parse("<X-a>").is_err());
        assert!(parse("<F0>").is_err());
        assert!(parse("<<lt>").is_err());
        let err = parse("ab\n").unwrap_err();
        assert_eq!((err.at, err.near.as_str()), (3, "\\n"));
        let long = parse(&format!("<{}", "x".repeat(40))).unwrap_err();
        assert_eq!(long.near.chars().count(), NEAR + 1);
    }

    #[test]
    fn round_trip() {
        let keys = "jJ/<Enter><Esc><Tab><S-Tab><Space><Up><Down><Left><Right><PageUp><PageDown><Home><End><BS><Del>\
                    <lt>><C-d><C-S-d><C-é><C-É><C-Space><S-Up><C-S-Tab><A-G><A-S-g><S-1><F12><Insert>\
                    <Resize:1x65535>É ";
        for step in parse(keys).unwrap() {
            let label = name(&step);
            assert_eq!(parse(&label).unwrap(), [step], "{label}");
        }
    }

    proptest! {
        #[test]
        fn parsed_steps_round_trip(parts in prop::collection::vec(prop_oneof![
            "[a-zA-Z0-9 ?/>éÉß-]",
            "<(C-|S-|A-|M-|c-|s-){0,3}[a-zA-Z0-9 éÉ-]>",
            "<(C-|S-|A-){0,2}(Enter|tab|SPACE|lt|Up|PageDown|bs|Del|F[0-9]{1,2})>",
            "<Resize:[0-9]{1,5}x[0-9]{1,5}>",
        ], 0..8)) {
            let keys = parts.concat();
            if let Ok(steps) = parse(&keys) {
                for step in steps {
                    prop_assert_eq!(parse(&name(&step)).unwrap(), vec![step.clone()]);
                }
            }
        }
    }
}
