"""The demonstration: realistic uploads of every unit for every year, and scripted decisions."""
