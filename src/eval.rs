//! Measuring extraction quality against the gold corpus (`korex eval`).
