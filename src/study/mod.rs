//! Studying: grading answers, scheduling reviews with FSRS, and choosing what to ask.

pub mod deck;
pub mod grade;
pub mod schedule;
pub mod session;
