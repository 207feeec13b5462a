"""Mail we write: templates in the sandbox, the draft queue, wire messages and threading."""
