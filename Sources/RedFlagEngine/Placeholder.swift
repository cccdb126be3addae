// RedFlagEngine
