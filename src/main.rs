//! The WebAssembly entry Trunk builds: start the app; nothing else lives here.

fn main() {
    oj_analys::ui::start();
}
