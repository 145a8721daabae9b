import Testing
@testable import PoolCheck
