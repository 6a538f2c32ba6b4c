"""Link: mentions of one thing made one entity, and targets of one year set against the next year's actuals."""
