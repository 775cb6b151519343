"""Developer tools: the CLI reference and the README's pictures, made from the code."""
