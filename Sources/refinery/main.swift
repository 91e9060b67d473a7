import Foundation
import RefineryCLI

exit(await RefineryCLI.main())
