"""Attendance trends from counts alone: periods, measures, what a lead may see, and lead bundles."""
