"""nn_course: the small NumPy package behind the neural-network course notebooks."""

__version__ = "0.1.0"
