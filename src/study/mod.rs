//! Studying: grading answers and putting them into words, scheduling reviews with FSRS, and
//! choosing what to ask.

pub mod answer;
pub mod deck;
pub mod grade;
pub mod schedule;
pub mod session;
#[cfg(test)]
pub(crate) mod testing;
