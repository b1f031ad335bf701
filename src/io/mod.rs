//! Reading and writing portfolio files (RON, versioned, saved atomically).

mod atomic;
mod error;
mod ron_file;

pub use atomic::{Backup, backup_path, write_atomically};
pub use error::{LoadError, SaveError};
pub use ron_file::{FORMAT_VERSION, MAX_FILE_BYTES, from_ron, load, load_bytes, save, to_ron};
