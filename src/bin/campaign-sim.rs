//! The native command-line tool.
fn main() {
    println!("campaign-sim {}", env!("CARGO_PKG_VERSION"));
}
