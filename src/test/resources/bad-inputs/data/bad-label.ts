@problemName Tiny
@univariate false
@dimensions 2
@equalLength true
@seriesLength 4
@classLabel true a b
@data
1,2,3,4:4,3,2,1:c
2,3,4,5:5,4,3,2:b
1,1,2,2:2,2,1,1:a
3,3,4,4:4,4,3,3:b
