import MedExtractCLI

MedExtractCommand.main()
