"""Developer tools: the CLI reference, the docs' examples and pictures, made from the code."""
