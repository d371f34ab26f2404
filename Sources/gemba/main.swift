import GembaCommands

Gemba.runAndExit()
