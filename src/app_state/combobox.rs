//! The rules of the unit picker, a WAI-ARIA 1.2 editable combobox with list autocomplete: what
//! the input shows, whether the list is open, which option is active, and what each key, a
//! click, typing and leaving the field do to them. `ui::combobox` renders this state.

/// The combobox's state (the options themselves and the choice live outside it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Combobox {
    /// The input's text.
    pub text: String,
    /// Whether the text is what the user typed (it filters the list), not the choice's name.
    pub typed: bool,
    pub open: bool,
    /// The active option: an index into the options shown.
    pub active: Option<usize>,
}

/// A key pressed in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Down,
    /// Alt+Down: opens the list without moving.
    AltDown,
    Up,
    Enter,
    Escape,
    Tab,
    Other,
}

impl Key {
    /// The key of a `KeyboardEvent` (its `key` and whether Alt was held).
    pub fn of(key: &str, alt: bool) -> Key {
        match key {
            "ArrowDown" if alt => Key::AltDown,
            "ArrowDown" => Key::Down,
            "ArrowUp" => Key::Up,
            "Enter" => Key::Enter,
            "Escape" => Key::Escape,
            "Tab" => Key::Tab,
            _ => Key::Other,
        }
    }
}

/// What a key did besides changing the state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyOutcome {
    /// The page must not do its own thing with the key (`preventDefault`).
    pub consumed: bool,
    /// The option chosen (Enter on the active option).
    pub choose: Option<usize>,
}

const CONSUMED: KeyOutcome = KeyOutcome {
    consumed: true,
    choose: None,
};

impl Combobox {
    /// The text the options are filtered by: what was typed, else nothing (every option).
    pub fn query(&self) -> &str {
        if self.typed {
            &self.text
        } else {
            ""
        }
    }

    /// The active option while the list is open.
    pub fn active_open(&self) -> Option<usize> {
        self.active.filter(|_| self.open)
    }

    /// A key. `shown`: how many options the list shows; `selected`: the chosen option's place
    /// among them.
    pub fn key(&mut self, key: Key, shown: usize, selected: Option<usize>) -> KeyOutcome {
        match key {
            Key::Down | Key::AltDown => {
                if !self.open {
                    self.open_at(selected);
                    if key == Key::AltDown || self.active.is_some() {
                        return CONSUMED;
                    }
                }
                self.step(1, shown);
                CONSUMED
            }
            Key::Up => {
                if !self.open {
                    self.open_at(selected);
                    if self.active.is_some() {
                        return CONSUMED;
                    }
                }
                self.step(-1, shown);
                CONSUMED
            }
            Key::Enter if self.open => {
                let choose = self.active.filter(|i| *i < shown);
                if choose.is_none() {
                    self.open = false;
                }
                KeyOutcome {
                    consumed: true,
                    choose,
                }
            }
            Key::Escape if self.open => {
                self.open = false;
                self.active = None;
                CONSUMED
            }
            Key::Escape if !self.text.is_empty() => {
                self.text.clear();
                self.typed = true;
                CONSUMED
            }
            Key::Tab => {
                self.open = false;
                KeyOutcome::default()
            }
            Key::Enter | Key::Escape | Key::Other => KeyOutcome::default(),
        }
    }

    /// Typing: the text filters the list, which opens with its first match (`matches` of them)
    /// active.
    pub fn input(&mut self, text: String, matches: usize) {
        self.text = text;
        self.typed = true;
        self.open = true;
        self.active = (matches > 0).then_some(0);
    }

    /// A click in the input opens the list at the choice, or closes it.
    pub fn click(&mut self, selected: Option<usize>) {
        if self.open {
            self.open = false;
        } else {
            self.open_at(selected);
        }
    }

    /// An option was chosen; the input shows `shown_text` (its name, or nothing for a picker
    /// that adds to a list).
    pub fn chose(&mut self, shown_text: String) {
        *self = Combobox {
            text: shown_text,
            ..Combobox::default()
        };
    }

    /// Focus left the input: the list closes and half-typed text gives way to `shown_text`.
    pub fn leave(&mut self, shown_text: String) {
        self.open = false;
        self.active = None;
        if self.typed {
            self.typed = false;
            self.text = shown_text;
        }
    }

    /// The choice changed from outside (a link, "Glöm allt"): the input shows it, unless the
    /// user is typing.
    pub fn show_choice(&mut self, shown_text: String) {
        if !self.typed {
            self.text = shown_text;
        }
    }

    fn open_at(&mut self, selected: Option<usize>) {
        self.open = true;
        self.active = selected;
    }

    /// Moves the active option by `step`, wrapping; from none, down starts at the first and up
    /// at the last.
    fn step(&mut self, step: i64, shown: usize) {
        let n = shown as i64;
        if n == 0 {
            self.active = None;
            return;
        }
        let next = match self.active {
            Some(i) => (i as i64 + step).rem_euclid(n),
            None if step > 0 => 0,
            None => n - 1,
        };
        self.active = usize::try_from(next).ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str, matches: usize) -> Combobox {
        let mut c = Combobox::default();
        c.input(text.into(), matches);
        c
    }

    #[test]
    fn typing_opens_the_list_with_the_first_match_active() {
        let c = typed("tyr", 3);
        assert!(c.open);
        assert_eq!(c.active, Some(0));
        assert_eq!(c.query(), "tyr");
        assert_eq!(typed("xyz", 0).active, None);
        assert_eq!(
            Combobox::default().query(),
            "",
            "a choice's name filters nothing"
        );
    }

    #[test]
    fn arrows_move_and_wrap_and_enter_chooses_the_active_option() {
        let mut c = typed("a", 3);
        c.key(Key::Down, 3, None);
        c.key(Key::Down, 3, None);
        assert_eq!(c.active, Some(2));
        c.key(Key::Down, 3, None);
        assert_eq!(c.active, Some(0), "down from the last wraps to the first");
        c.key(Key::Up, 3, None);
        assert_eq!(c.active, Some(2));
        let out = c.key(Key::Enter, 3, None);
        assert_eq!(
            out,
            KeyOutcome {
                consumed: true,
                choose: Some(2)
            }
        );
        c.chose("Tyresö".into());
        assert_eq!(
            c,
            Combobox {
                text: "Tyresö".into(),
                ..Combobox::default()
            }
        );
    }

    #[test]
    fn down_on_a_closed_list_opens_it_at_the_choice_and_alt_down_only_opens() {
        let mut c = Combobox::default();
        c.key(Key::Down, 290, Some(250));
        assert_eq!(
            (c.open, c.active),
            (true, Some(250)),
            "at the choice, not past it"
        );
        let mut c = Combobox::default();
        c.key(Key::Down, 290, None);
        assert_eq!(c.active, Some(0), "without a choice, the first");
        let mut c = Combobox::default();
        c.key(Key::AltDown, 290, None);
        assert_eq!((c.open, c.active), (true, None));
        let mut c = Combobox::default();
        c.key(Key::Up, 290, None);
        assert_eq!(c.active, Some(289), "up from nothing, the last");
    }

    #[test]
    fn escape_closes_the_list_then_clears_the_text() {
        let mut c = typed("tyr", 1);
        assert!(c.key(Key::Escape, 1, None).consumed);
        assert!(!c.open);
        assert_eq!(c.text, "tyr");
        assert!(c.key(Key::Escape, 1, None).consumed);
        assert_eq!(c.text, "");
        assert!(
            !c.key(Key::Escape, 1, None).consumed,
            "nothing left to do: the page's"
        );
    }

    #[test]
    fn enter_without_an_active_option_closes_and_enter_on_a_closed_list_is_the_pages() {
        let mut c = typed("xyz", 0);
        assert_eq!(c.key(Key::Enter, 0, None), CONSUMED);
        assert!(!c.open);
        assert_eq!(c.key(Key::Enter, 0, None), KeyOutcome::default());
    }

    #[test]
    fn leaving_closes_and_gives_half_typed_text_back_to_the_choice() {
        let mut c = typed("ty", 2);
        c.leave("Tyresö".into());
        assert_eq!(
            c,
            Combobox {
                text: "Tyresö".into(),
                ..Combobox::default()
            }
        );
        let mut c = Combobox {
            text: "Tyresö".into(),
            ..Combobox::default()
        };
        c.key(Key::Tab, 1, None);
        c.leave("Nacka".into());
        assert_eq!(c.text, "Tyresö", "not typed: the text stays");
    }

    #[test]
    fn a_choice_from_outside_shows_unless_the_user_is_typing() {
        let mut c = Combobox::default();
        c.show_choice("Tyresö".into());
        assert_eq!(c.text, "Tyresö");
        let mut c = typed("na", 4);
        c.show_choice("Tyresö".into());
        assert_eq!(c.text, "na");
    }

    #[test]
    fn a_click_toggles_the_list() {
        let mut c = Combobox::default();
        c.click(Some(3));
        assert_eq!((c.open, c.active_open()), (true, Some(3)));
        c.click(Some(3));
        assert_eq!((c.open, c.active_open()), (false, None));
    }

    #[test]
    fn keys_are_read_from_the_event() {
        assert_eq!(Key::of("ArrowDown", true), Key::AltDown);
        assert_eq!(Key::of("ArrowDown", false), Key::Down);
        assert_eq!(Key::of("a", false), Key::Other);
    }
}
