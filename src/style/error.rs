//! The style layer's typed errors: an element chain that is not one, naming the key it came
//! from (the rule file's loader adds the key's file:line:column).

/// Why a device's styles could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StyleError {
    /// `content_root` is not an element chain.
    #[error("`content_root`: {message}")]
    ContentRoot {
        /// The chain as given.
        chain: String,
        /// What is wrong with it (names the part).
        message: String,
    },
    /// A kind's `selector` is not an element chain.
    #[error("`selector` of {kind}: {message}")]
    Selector {
        /// The kind's name (`[device.NAME.style.KIND]`).
        kind: &'static str,
        /// The chain as given.
        chain: String,
        /// What is wrong with it (names the part).
        message: String,
    },
}
