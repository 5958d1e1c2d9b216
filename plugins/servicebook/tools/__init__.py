"""HR's commands (`servicebook check`, `new`, `rename`, `diff`, `render`, schemas), thin over `data` and `site`."""
