import GembaCommands

await Gemba.runAndExit()
