//! The terminal app: state, actions, keys, panes, update, drawing, and the terminal loop.

pub mod action;
pub mod app;
pub mod config;
pub mod draw;
pub mod editor;
pub mod export;
pub mod field;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod listing;
pub mod pane;
pub mod replay;
pub mod rows;
pub mod session;
pub mod sheet;
pub mod terminal;
pub mod theme;
pub mod typing;
pub mod update;
