//! Fulfilment counting (DESIGN §3): uppfyllda indikatorer per unit, area and quality area, exact.
