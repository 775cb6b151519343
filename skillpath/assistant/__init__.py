"""The framework and a person's plan for an AI assistant: `skillpath mcp`, a Model Context
Protocol server whose tools give the commands' JSON and mark items as the commands do."""
