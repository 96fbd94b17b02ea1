//! trich: extracts documents, officials, statistics and percentages from Vietnamese news pages.

pub mod app;
pub mod batch;
pub mod cli;
pub mod decimal;
pub mod engine;
pub mod eval;
pub mod extract;
pub mod normalize;
pub mod offsets;
pub mod output;
pub mod read;
pub mod record;
pub mod rules;
pub mod vi_number;
pub mod zones;
