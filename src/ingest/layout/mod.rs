//! Finding the tables in a sheet: wide, transposed, long, Socialstyrelsen's template, descriptions.
