//! The page's state and rules as plain Rust: what the components of `ui` show and change, kept
//! out of the `web` gate so that `cargo test` runs their tests natively. No web-sys, no signals:
//! `ui` holds these values in signals, reads and writes the browser, and wires them together.
//!
//! - [`view`]: the views, their names and address-bar keys;
//! - [`url`]: what the address bar holds;
//! - [`settings`]: what localStorage keeps (choices, corrections) and how the pickers change it;
//! - [`group`]: Gruppöversikt's group (`gruppvy`) and the order of its rows;
//! - [`kommuner`]: the units the Kommun picker offers and how typing finds them;
//! - [`combobox`]: the picker's keys, typing and list (WAI-ARIA combobox);
//! - [`report`]: which report the page wants and where it stands (latest wins);
//! - [`forms`]: what the typed fields accept;
//! - [`tolkning`]: what the Tolkning view says about a table as read;
//! - [`jobs`]: the worker's job queue (one job in flight, restart, cancel, give up).

pub mod combobox;
pub mod forms;
pub mod group;
pub mod jobs;
pub mod kommuner;
pub mod report;
pub mod settings;
pub mod tolkning;
pub mod url;
pub mod view;

pub use settings::{SavedCorrections, Settings};
pub use url::UrlState;
pub use view::View;
