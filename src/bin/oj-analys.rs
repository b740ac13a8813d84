//! `oj-analys`: the command-line program over the same core as the web page.

fn main() -> std::process::ExitCode {
    oj_analys::cli::main()
}
