"""Pure helpers with no Django models: dates, deadlines, environment parsing."""
