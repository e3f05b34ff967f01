"""Loading a dataset: data files read safely, checked and grounded, cached."""
