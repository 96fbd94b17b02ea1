//! trich: extracts documents, officials, statistics and percentages from Vietnamese news pages.

pub mod decode;
pub mod normalize;
pub mod offsets;
pub mod decimal;
pub mod vi_number;
pub mod engine;
pub mod extract;
pub mod record;
pub mod rules;
pub mod zones;
pub mod app;
pub mod cli;
pub mod input;
pub mod output;
