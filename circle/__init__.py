"""circle: a calm terminal companion for peer-support group facilitators."""

__version__ = "0.1.0"
