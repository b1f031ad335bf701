//! Reading and writing portfolio files (RON, versioned, saved atomically)
//! and importing capability lists from CSV.

mod atomic;
mod csv_import;
mod error;
mod files;
mod recovery;
mod ron_file;
mod side_by_side;
#[cfg(test)]
#[cfg(unix)]
mod test_pipe;

pub use atomic::{
    Backup, DiskStamp, WriteStep, backup_path, check_target, disk_stamp, sweep_stale_temp_files,
    write_atomically, write_steps,
};
pub use csv_import::{CSV_COLUMNS, CsvImport, CsvImportError, CsvProblem, import_csv};
pub use error::{LoadError, SaveError};
pub use files::{
    EXAMPLE_PORTFOLIO, example_portfolio, file_name, name_from_stem, next_quarter_file, read_text,
};
pub use recovery::{Recovery, clear_recovery, read_recovery, recovery_path, write_recovery};
pub use ron_file::{
    FORMAT_VERSION, MAX_FILE_BYTES, conflict_places, from_ron, load, load_bytes, load_bytes_as,
    ron_text, save, to_ron, written_format,
};
pub use side_by_side::side_by_side;
