"""More ``HAPPY`` entries, one module per resource family (``seeds.happy`` registers them).

``seeds`` imports every module here once its own entries are registered, so a family
adds its valid requests in its own file: ``connect_<family>.py``."""
