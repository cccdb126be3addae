// Evaluation metrics and calibration; see EvalCommand.
