//! The terminal app: state, actions, keys, update, drawing, and the terminal loop.

pub mod action;
pub mod app;
pub mod config;
pub mod draw;
pub mod glossary;
pub mod keymap;
pub mod keys;
pub mod lineedit;
pub mod panes;
pub mod quiz;
pub mod reader;
pub mod replay;
pub mod session;
pub mod terminal;
pub mod theme;
pub mod update;
