// RedFlagHTML
