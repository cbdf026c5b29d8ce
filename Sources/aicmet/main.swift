import Foundation
import Shell

exit(AicmetMain.run(Array(CommandLine.arguments.dropFirst())))
