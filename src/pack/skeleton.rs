//! The pack `lectern new` makes: commented examples of every field and every question kind.
