"""Identity resolution: one record per person across offices, scripts and spellings."""
