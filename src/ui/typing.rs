//! What a key does to the text field it is typed into, the same for every field: the
//! search, the glossary filter, the go-to prompt and typed answers.

use super::action::Action;
use super::field::{Edit, Field};

/// What a key did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// The text changed (typed, deleted, or cleared by Esc).
    Changed,
    /// Only the cursor moved, or nothing happened.
    Moved,
    /// Enter (or Tab): the text is done.
    Done,
    /// Esc on an empty field: close it.
    Closed,
    /// Not a key of the field.
    Other,
}

/// Applies `action` to `field`. Esc clears what was typed first and closes only an empty field.
pub fn type_into(field: &mut Field, action: Action) -> Typed {
    match action {
        Action::Input(c) => changed(field.apply(Edit::Insert(c))),
        Action::Edit(edit) => changed(field.apply(edit)),
        Action::Activate | Action::NextField(_) => Typed::Done,
        Action::Back if !field.is_empty() => {
            field.clear();
            Typed::Changed
        }
        Action::Back => Typed::Closed,
        _ => Typed::Other,
    }
}

fn changed(yes: bool) -> Typed {
    if yes { Typed::Changed } else { Typed::Moved }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_clears_first_then_closes() {
        let mut field = Field::default();
        assert_eq!(type_into(&mut field, Action::Input('x')), Typed::Changed);
        assert_eq!(type_into(&mut field, Action::Edit(Edit::Left)), Typed::Moved);
        assert_eq!(type_into(&mut field, Action::Back), Typed::Changed);
        assert!(field.is_empty());
        assert_eq!(type_into(&mut field, Action::Back), Typed::Closed);
        assert_eq!(type_into(&mut field, Action::Activate), Typed::Done);
        assert_eq!(type_into(&mut field, Action::Scroll(1)), Typed::Other);
    }
}
