//! The exports the app writes from the box `E` opens: each a format and its form, as the
//! keys of [`crate::ui::keymap::EXPORT`] choose them by index.

use crate::export::{Format, Options};

/// One export the box offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub format: Format,
    /// A page to print rather than Markdown.
    pub html: bool,
    /// The worksheet's answer key is included.
    pub key: bool,
}

const fn choice(format: Format, html: bool, key: bool) -> Choice {
    Choice { format, html, key }
}

/// What `Action::Export(i)` writes, by `i`.
pub const CHOICES: [Choice; 8] = [
    choice(Format::Handout, false, true),
    choice(Format::Handout, true, true),
    choice(Format::Worksheet, false, true),
    choice(Format::Worksheet, true, true),
    choice(Format::Worksheet, true, false),
    choice(Format::Text, false, true),
    choice(Format::Anki, false, true),
    choice(Format::Results, false, true),
];

impl Choice {
    /// The export's options: the command line's defaults, and this choice's form.
    pub fn options(self) -> Options {
        Options { html: self.html, key: self.key, ..Options::default() }
    }

    /// The file name it is written to: `deepseek-ai-arms-race-worksheet.html`, and
    /// `…-worksheet-students.html` for the copy without the key.
    pub fn file_name(self, pack_id: &str) -> String {
        let name = self.format.file_name(pack_id, self.html);
        if self.key {
            return name;
        }
        match name.rsplit_once('.') {
            Some((stem, extension)) => format!("{stem}-students.{extension}"),
            None => format!("{name}-students"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::action::Action;
    use crate::ui::keymap::{Act, EXPORT};

    #[test]
    fn every_choice_has_a_key_and_its_own_file() {
        let chosen: Vec<u8> = EXPORT
            .bindings
            .iter()
            .filter_map(|b| if let Act::Do(Action::Export(i)) = b.act { Some(i) } else { None })
            .collect();
        assert_eq!(chosen, (0..CHOICES.len() as u8).collect::<Vec<_>>());
        let mut names: Vec<String> = CHOICES.iter().map(|c| c.file_name("pack")).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), CHOICES.len(), "two choices would write the same file");
        assert_eq!(CHOICES[4].file_name("p"), "p-worksheet-students.html");
        assert_eq!(CHOICES[0].file_name("a pack/../x"), "a-pack----x-handout.md");
    }
}
