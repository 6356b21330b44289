//! Loader tests: criteria checks and data binding.
