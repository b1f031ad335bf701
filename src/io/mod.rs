//! Reading and writing portfolio files (RON, versioned, saved atomically)
//! and importing capability lists from CSV.

mod atomic;
mod csv_import;
mod error;
mod ron_file;

pub use atomic::{Backup, backup_path, write_atomically};
pub use csv_import::{CSV_COLUMNS, CsvImport, CsvImportError, CsvProblem, import_csv};
pub use error::{LoadError, SaveError};
pub use ron_file::{FORMAT_VERSION, MAX_FILE_BYTES, from_ron, load, load_bytes, save, to_ron};
